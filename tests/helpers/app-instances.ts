/**
 * Several app instances in one test (issue 15 item 6): each is the production launcher (`tsx server.ts`,
 * one web process) on its own loopback port, started from the built app; a small round-robin proxy on
 * loopback stands for the load balancer in front of them. Nothing here is a mock: real processes, real
 * HTTP, the database and the bucket the test configures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type AppInstance = { name: string; base: string; stop: () => Promise<void>; log: () => string };

/** A port that is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `tsx server.ts` with `env` on `port` and resolves once its /healthz answers 200. */
export async function startInstance(name: string, port: number, env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<AppInstance> {
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("npx", ["tsx", "server.ts"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  const onExit = () => signal("SIGKILL");
  process.on("exit", onExit);
  const stop = async () => {
    process.off("exit", onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${base}/healthz`, { headers: { connection: "close" } });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`instance ${name} did not answer /healthz within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name, base, stop, log: () => output };
}

export type Proxy = { base: string; served: Map<string, number>; close: () => Promise<void> };

/**
 * A round-robin reverse proxy on 127.0.0.1 (the load balancer of a deployment, in ~30 lines of node:http):
 * each request goes to the next instance, headers and body streamed through unchanged (so the Host and
 * Origin the browser sent reach the app), and the answer carries `x-served-by: <instance name>`.
 */
export async function roundRobinProxy(instances: AppInstance[]): Promise<Proxy> {
  const served = new Map<string, number>();
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const target = instances[next++ % instances.length]!;
    const url = new URL(target.base);
    const upstream = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.url, headers: request.headers, agent },
      (answer) => {
        served.set(target.name, (served.get(target.name) ?? 0) + 1);
        response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": target.name });
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    served,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A browser-like client of one address: the session cookie it was given, form posts with the page's Origin. */
export class Browser {
  constructor(
    readonly base: string,
    public cookie = "",
  ) {}

  /** The same session at another address (another instance, or the proxy). */
  at(base: string): Browser {
    return new Browser(base, this.cookie);
  }

  async get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { redirect: "manual", headers: this.cookie ? { cookie: this.cookie } : {} });
  }

  /** Posts a form (multipart when `fields` is a FormData, urlencoded otherwise), as the browser would. */
  async post(path: string, fields: Record<string, string> | FormData): Promise<Response> {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    return fetch(`${this.base}${path}`, { method: "POST", redirect: "manual", body, headers: { origin: this.base, ...(this.cookie ? { cookie: this.cookie } : {}) } });
  }

  /** Logs in through the real login form; keeps the session cookie. */
  async logIn(email: string, password = "bermitra-demo"): Promise<this> {
    const response = await this.post("/login", { email, password, redirectTo: "" });
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    if (response.status !== 302 || !cookie) throw new Error(`login as ${email} at ${this.base} answered ${response.status}`);
    this.cookie = cookie;
    return this;
  }
}
