package dev.sigil.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that the build made for Payara Micro, unchanged but for a configuration file with a
 * higher ordinal that gives each test class its own data directory and broker port.
 */
public final class SigilDeployment {

    private SigilDeployment() {}

    /** A fresh data directory for one deployment. */
    public static Path newDataDirectory(String name) {
        try {
            return Files.createDirectories(
                    Path.of(System.getProperty("sigil.itDir", "target/it"))
                            .toAbsolutePath()
                            .resolve(name + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebArchive war(Path dataDirectory, Map<String, String> extraConfig) {
        WebArchive war =
                ShrinkWrap.create(ZipImporter.class, "sigil.war")
                        .importFrom(new File(System.getProperty("sigil.microWar")))
                        .as(WebArchive.class);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("config_ordinal", "500");
        config.put("sigil.data.dir", dataDirectory.toString());
        config.put("sigil.broker.port", Integer.toString(freePort()));
        config.putAll(extraConfig);
        StringBuilder properties = new StringBuilder();
        config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        return war.addAsResource(
                new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
