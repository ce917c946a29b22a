package org.pfxkit.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU seconds (utime + stime) used so far by the server's processes, read from /proc/PID/stat (proc(5): fields 14
 * and 15, in clock ticks; the leader's line covers all threads of the process). Linux reports them in USER_HZ, which
 * is 100 on every architecture the kernel exports to user space (see sysconf(_SC_CLK_TCK)).
 */
final class ServerCpu {
    private static final double TICKS_PER_SECOND = 100.0;
    private final List<Long> pids = new ArrayList<>();

    ServerCpu(String commaSeparatedPids) {
        for (String pid : commaSeparatedPids.split(",")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid.trim()));
            }
        }
    }

    boolean known() {
        return !pids.isEmpty();
    }

    double seconds() {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // The command name in parentheses may hold spaces: fields are counted after the last ')'.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // A process that went away contributes nothing more.
            }
        }
        return ticks / TICKS_PER_SECOND;
    }
}
