package dev.sigil.agent.config;

/** The configuration is missing a setting or has a wrong one. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
