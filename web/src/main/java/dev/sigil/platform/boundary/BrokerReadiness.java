package dev.sigil.platform.boundary;

import dev.sigil.messaging.boundary.Broker;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a JMS connection to the broker opens. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @EJB Broker broker;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broker").status(broker.isReachable()).build();
    }
}
