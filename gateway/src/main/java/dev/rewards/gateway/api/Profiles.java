package dev.rewards.gateway.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rewards.gateway.Profile;

/** The server's profiles: the built-in recipes, overridden or extended by the configuration. */
final class Profiles {

    private final Map<String, Profile> byName = new LinkedHashMap<>(Profile.builtIn());
    private final String defaultProfile;

    Profiles(Map<String, Profile> configured, String defaultProfile) {
        configured.forEach((name, profile) -> byName.put(name, new Profile(name, profile.description(),
                profile.weights(), profile.template(), profile.thinkPrefilled(), profile.nullScore(), profile.cosine(),
                profile.overlong(), profile.targetLanguage())));
        if (!byName.containsKey(defaultProfile)) {
            throw new IllegalStateException("rewards.gateway.default-profile: no profile named " + defaultProfile);
        }
        this.defaultProfile = defaultProfile;
    }

    Profile get(String name) {
        Profile profile = byName.get(name == null ? defaultProfile : name);
        if (profile == null) {
            throw new IllegalArgumentException("profile: unknown value '" + name + "', expected one of "
                    + byName.keySet());
        }
        return profile;
    }

    Collection<Profile> all() {
        return byName.values();
    }
}
