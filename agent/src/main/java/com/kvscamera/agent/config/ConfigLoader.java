package com.kvscamera.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads the configuration: built-in defaults, then the YAML file, then {@code KVS_AGENT_*} environment overrides,
 * then validation that reports every violation at once ({@link ConfigException#violations()}).
 *
 * <p>The environment is injected so tests never touch the real one. Whether referenced files (certificates, keys,
 * capture file) are readable is checked separately by {@link ConfigFiles}, because the example configurations
 * name device paths that only exist on a device.
 */
public final class ConfigLoader {
    /** Environment variables with this prefix are configuration overrides; an unknown one is an error. */
    public static final String ENV_PREFIX = "KVS_AGENT_";
    /** Variables with the prefix that are not configuration (read by the launcher script, not by the agent). */
    static final List<String> ENV_RESERVED = List.of("KVS_AGENT_JAVA_OPTS", "KVS_AGENT_JAR", "KVS_AGENT_LOG_LEVEL");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    public AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": configuration file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": configuration file is not readable (permission denied)");
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a directory" : e.getClass().getSimpleName();
            throw new ConfigException(file + ": cannot read configuration file (" + why + ")");
        }
        return loadYaml(text, file.toString());
    }

    /** @param sourceName names the file in YAML syntax errors */
    public AgentConfig loadYaml(String yaml, String sourceName) throws ConfigException {
        JsonNode root = parse(yaml, sourceName);
        List<String> violations = new ArrayList<>();
        Map<String, RawValue> raw = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException(sourceName + ": must be a YAML mapping with the sections aws, channel, "
                        + "signaling, webrtc, capture, device");
            }
            collect(root, "", raw, violations);
        }
        applyEnvironment(raw, violations);
        AgentConfig cfg = new ConfigBinder(raw, violations).bind();
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return cfg;
    }

    private static JsonNode parse(String yaml, String sourceName) throws ConfigException {
        YAMLMapper mapper = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        try {
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ConfigException(sourceName + ": YAML syntax error" + where + ": " + problem);
        }
    }

    /** Walks the YAML tree, keeping leaves that are known keys and reporting everything else. */
    private static void collect(JsonNode node, String prefix, Map<String, RawValue> raw, List<String> violations) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String path = prefix.isEmpty() ? f.getKey() : prefix + '.' + f.getKey();
            JsonNode value = f.getValue();
            if (ConfigSchema.key(path) != null) {
                if (!value.isNull()) {
                    raw.put(path, RawValue.fromYaml(value));
                }
            } else if (ConfigSchema.isSection(path)) {
                if (value.isObject()) {
                    collect(value, path, raw, violations);
                } else if (!value.isNull()) {
                    violations.add(path + ": must be a mapping of keys");
                }
            } else {
                String suggestion = Suggestions.closest(path, ConfigSchema.allPaths());
                violations.add(path + ": unknown key" + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
            }
        }
    }

    private void applyEnvironment(Map<String, RawValue> raw, List<String> violations) {
        Map<String, ConfigKey> byEnv = new HashMap<>();
        for (ConfigKey k : ConfigSchema.keys()) {
            byEnv.put(k.envName(), k);
        }
        env.keySet().stream().filter(n -> n.startsWith(ENV_PREFIX)).sorted().forEach(name -> {
            ConfigKey key = byEnv.get(name);
            if (key != null) {
                raw.put(key.path(), RawValue.fromEnv(name, env.get(name)));
            } else if (!ENV_RESERVED.contains(name)) {
                String suggestion = Suggestions.closest(name, List.copyOf(byEnv.keySet()));
                violations.add(name + ": unknown environment override"
                        + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
            }
        });
    }
}
