import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haproxyConfig } from "../../components/addons/data-tier/redis-tls-proxy";

/**
 * The cells' Redis TLS proxy as the kit renders it, run in a real HAProxy in front of a TLS
 * server that answers as Redis does: OpenIM's plaintext PING must come back through it, and a
 * server the proxy cannot verify (another CA, another name) must get nothing.
 */
const dir = mkdtempSync(join(tmpdir(), "im-redis-proxy-"));
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => {
  const result = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr}`);
};

/** A CA and a certificate it signed for `localhost` (the service's name, as a managed Redis has one). */
function certificates(): void {
  for (const ca of ["ca", "other-ca"]) {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${ca}`,
      "-keyout",
      `${ca}.key`,
      "-out",
      `${ca}.pem`,
    );
  }
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=localhost",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
  );
  writeFileSync(file("san.ext"), "subjectAltName=DNS:localhost\n");
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    "san.ext",
    "-out",
    "server.pem",
  );
}

/** Answers each PING with +PONG, over TLS only. */
function fakeRedis(): Promise<TlsServer> {
  const server = createTlsServer(
    { key: readFileSync(file("server.key")), cert: readFileSync(file("server.pem")) },
    (socket) => {
      socket.on("data", (data) => {
        if (data.toString().startsWith("PING")) socket.write("+PONG\r\n");
      });
    },
  );
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

/** Sends PING to the proxy in plaintext, as OpenIM's client does; resolves with what came back (or "" on close). */
function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    let reply = "";
    const done = () => {
      socket.destroy();
      resolve(reply);
    };
    socket.on("data", (data) => {
      reply += data.toString();
      if (reply.includes("\r\n")) done();
    });
    socket.on("close", done);
    socket.on("error", done);
    socket.setTimeout(5_000, done);
  });
}

const proxies: ChildProcess[] = [];
/** Runs the rendered config in HAProxy and waits until it listens. */
async function startProxy(backend: string, caFile: string): Promise<number> {
  const listenPort = await freePort();
  const config = file(`haproxy-${listenPort}.cfg`);
  writeFileSync(config, haproxyConfig(backend, { listenPort, caFile }));
  const check = spawnSync("haproxy", ["-c", "-f", config], { encoding: "utf8" });
  expect(check.status, check.stderr + check.stdout).toBe(0);
  const proxy = spawn("haproxy", ["-db", "-f", config], { stdio: "ignore" });
  proxies.push(proxy);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(listenPort, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return listenPort;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`haproxy did not listen on ${listenPort}`);
}

let redis: TlsServer;
let redisPort: number;
beforeAll(async () => {
  certificates();
  redis = await fakeRedis();
  redisPort = (redis.address() as AddressInfo).port;
});
afterAll(() => {
  for (const proxy of proxies) proxy.kill();
  redis?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Redis TLS proxy's rendered config, in HAProxy", () => {
  it("carries a plaintext client to the TLS server it verifies by CA and name", async () => {
    const port = await startProxy(`localhost:${redisPort}`, file("ca.pem"));
    expect(await ping(port)).toBe("+PONG\r\n");
  });

  it("gives nothing to a server whose certificate another CA signed", async () => {
    const port = await startProxy(`localhost:${redisPort}`, file("other-ca.pem"));
    expect(await ping(port)).toBe("");
  });

  it("gives nothing to a server whose certificate names another host", async () => {
    const port = await startProxy(`127.0.0.1:${redisPort}`, file("ca.pem"));
    expect(await ping(port)).toBe("");
  });
});
