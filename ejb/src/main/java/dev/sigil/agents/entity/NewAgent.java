package dev.sigil.agents.entity;

import java.util.Optional;

/** An agent just created, with its registration token when it registers itself. */
public record NewAgent(Agent agent, Optional<RegistrationToken> registrationToken) {}
