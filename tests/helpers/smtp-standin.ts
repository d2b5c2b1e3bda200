import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A LOOPBACK STAND-IN FOR AN SMTP SERVER (no mail server runs here, and the real one is at the network
 * boundary): it speaks just enough SMTP for nodemailer (EHLO, MAIL FROM, RCPT TO, DATA, RSET, QUIT, no
 * TLS, no auth) and records every message it accepts, so a test can count deliveries — a message delivered
 * twice shows up twice. `delayMs` holds each DATA answer back, as a slow server would.
 */
export type ReceivedMail = { from: string; to: string[]; data: string; subject: string };

export async function startSmtpStandIn(options: { delayMs?: number } = {}) {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let buffer = "";
    let inData = false;
    let from = "";
    let to: string[] = [];
    let lines: string[] = [];
    const reply = (text: string) => socket.write(`${text}\r\n`);
    reply("220 standin ESMTP");
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let at: number;
      while ((at = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            const data = lines.join("\r\n");
            const subject = /^Subject: (.*)$/im.exec(data)?.[1] ?? "";
            received.push({ from, to, data, subject });
            from = "";
            to = [];
            lines = [];
            setTimeout(() => reply("250 2.0.0 queued"), options.delayMs ?? 0);
          } else lines.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 standin");
        else if (verb === "MAIL") {
          from = line.slice(10).trim();
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          to.push(line.slice(8).trim());
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 go ahead");
        } else if (verb === "RSET") {
          from = "";
          to = [];
          reply("250 ok");
        } else if (verb === "NOOP") reply("250 ok");
        else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        }
        else reply("502 5.5.2 not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
