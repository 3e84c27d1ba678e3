package com.kvscamera.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A minimal Debian root for dpkg --root: the dpkg database and the account files the shadow tools edit. */
final class FakeRoot {
    static final String DEB_NAME = "kvs-camera-agent";
    final Path root;
    final Sh sh;
    final Map<String, String> seeded = new LinkedHashMap<>();

    FakeRoot(Path root, String group) throws IOException {
        this.root = root;
        this.sh = new Sh(root.resolveSibling(root.getFileName() + ".fakeroot-state"));
        for (String d : new String[] {"var/lib/dpkg/info", "var/lib/dpkg/updates", "usr/sbin"}) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Files.writeString(root.resolve("var/lib/dpkg/available"), "");
        seed("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        seed("etc/group", group);
        seed("etc/shadow", "root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n");
        StringBuilder gshadow = new StringBuilder();
        for (String line : group.split("\n")) gshadow.append(line.split(":")[0]).append(":*::\n");
        seed("etc/gshadow", gshadow.toString());
    }

    private void seed(String path, String content) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
        // real systems have the shadow tools' backups already; seeding them keeps the before/after file sets equal
        Files.writeString(root.resolve(path + "-"), content);
        seeded.put(path, content);
    }

    Sh.Result dpkg(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 5];
        cmd[0] = "dpkg";
        cmd[1] = "--root=" + root;
        cmd[2] = "--force-not-root";
        cmd[3] = "--force-script-chrootless";
        cmd[4] = "--log=/dev/null";
        System.arraycopy(args, 0, cmd, 5, args.length);
        return sh.run(cmd);
    }

    String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    /** "mode uid gid" of each path under the root (mode in octal, as stat prints it), read in the fakeroot session. */
    Map<String, String> stat(String... paths) throws IOException, InterruptedException {
        String[] cmd = new String[paths.length + 3];
        cmd[0] = "stat";
        cmd[1] = "-c";
        cmd[2] = "%n|%a %u %g";
        for (int i = 0; i < paths.length; i++) cmd[i + 3] = root.resolve(paths[i]).toString();
        Map<String, String> m = new TreeMap<>();
        for (String line : sh.run(cmd).ok().out().split("\n")) {
            String[] parts = line.split("\\|");
            m.put(root.relativize(Path.of(parts[0])).toString(), parts[1]);
        }
        return m;
    }

    /** Every path under the root except the dpkg database, with its mode (owners are checked separately). */
    Map<String, String> tree() throws IOException, InterruptedException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root) && !p.startsWith(root.resolve("var/lib/dpkg")))
                    .forEach(p -> m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : "file"));
        }
        return m;
    }

    String field(String file, String name, int index) throws IOException {
        for (String line : read(file).split("\n")) {
            String[] f = line.split(":", -1);
            if (f[0].equals(name)) return f[index];
        }
        return null;
    }
}
