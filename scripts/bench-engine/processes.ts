import { readdirSync, readFileSync } from "node:fs";

/** Where a process's CPU and memory are counted. */
export type ProcessRole = "engine" | "program" | "analyzers" | "provider" | "api server" | "fleet command";

const TICKS_PER_SECOND = 100;

/** The role of a process from its command line, or undefined when it is not part of a run. */
export function roleOf(command: readonly string[]): ProcessRole | undefined {
  const [executable = "", ...args] = command;
  const joined = args.join(" ");
  if (/(^|\/)pulumi$/.test(executable) || executable.endsWith("pulumi-language-nodejs")) return "engine";
  if (executable.endsWith("pulumi-resource-kubernetes")) return "provider";
  if (/(^|\/)(kube-apiserver|etcd)$/.test(executable)) return "api server";
  if (/(^|\/)node$/.test(executable)) {
    // Policy packs run as plugins of @pulumi/pulumi (cmd/run-plugin); the program through cmd/run.
    if (joined.includes("@pulumi/pulumi/cmd/run-plugin/")) return "analyzers";
    if (joined.includes("@pulumi/pulumi/cmd/run/")) return "program";
  }
  return undefined;
}

interface Seen {
  readonly role: ProcessRole;
  cpuTicks: number;
  peakRssBytes: number;
}

function readProcess(
  pid: string,
): { command: string[]; parent: string; cpuTicks: number; rssBytes: number } | undefined {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const rssBytes = Number(fields[21]) * 4096;
    return { command, parent: fields[1] ?? "0", cpuTicks, rssBytes };
  } catch {
    return undefined;
  }
}

/**
 * Samples every process of a run: CPU seconds and peak RSS per role. CPU of processes that exit
 * between samples is counted up to their last sample, so the sampler runs often.
 */
export class ProcessSampler {
  /**
   * Counts this process's descendants (the engines it starts and their plugins) and the API
   * server and etcd of the cluster whose directory `clusterDir` names, nothing else on the machine.
   */
  constructor(private readonly clusterDir: string) {}

  private readonly seen = new Map<string, Seen>();
  private readonly baseline = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private peakByRole = new Map<ProcessRole, number>();

  /** The processes of this run, with their roles. */
  private ours(): Array<{ pid: string; role: ProcessRole; cpuTicks: number; rssBytes: number }> {
    const all = new Map<string, NonNullable<ReturnType<typeof readProcess>>>();
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      const found = readProcess(pid);
      if (found) all.set(pid, found);
    }
    const self = String(process.pid);
    const descends = (pid: string): boolean => {
      for (let at: string | undefined = pid, hops = 0; at && at !== "0" && hops < 32; hops++) {
        if (at === self) return true;
        at = all.get(at)?.parent;
      }
      return false;
    };
    return [...all].flatMap(([pid, found]) => {
      const role = pid === self ? "fleet command" : roleOf(found.command);
      if (!role) return [];
      const mine =
        pid === self ||
        (role === "api server" ? found.command.some((arg) => arg.includes(this.clusterDir)) : descends(pid));
      return mine ? [{ pid, ...found, role }] : [];
    });
  }

  start(intervalMs = 250): void {
    // Long-running processes (the API server, this one) count from now, not from their start.
    for (const found of this.ours()) this.baseline.set(found.pid, found.cpuTicks);
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const rssNow = new Map<ProcessRole, number>();
    for (const { pid, role, cpuTicks, rssBytes } of this.ours()) {
      const entry = this.seen.get(pid) ?? { role, cpuTicks: 0, peakRssBytes: 0 };
      entry.cpuTicks = cpuTicks - (this.baseline.get(pid) ?? 0);
      entry.peakRssBytes = Math.max(entry.peakRssBytes, rssBytes);
      this.seen.set(pid, entry);
      rssNow.set(role, (rssNow.get(role) ?? 0) + rssBytes);
    }
    for (const [role, rss] of rssNow) this.peakByRole.set(role, Math.max(this.peakByRole.get(role) ?? 0, rss));
  }

  /** CPU seconds per role, and the peak of the summed RSS of each role's processes. */
  stop(): { cpuSeconds: Map<ProcessRole, number>; peakRssMb: Map<ProcessRole, number> } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const cpuSeconds = new Map<ProcessRole, number>();
    for (const entry of this.seen.values())
      cpuSeconds.set(entry.role, (cpuSeconds.get(entry.role) ?? 0) + entry.cpuTicks / TICKS_PER_SECOND);
    const peakRssMb = new Map([...this.peakByRole].map(([role, bytes]) => [role, bytes / 2 ** 20] as const));
    return { cpuSeconds, peakRssMb };
  }
}
