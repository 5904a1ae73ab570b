/**
 * A scripted IMAP server that offers only the capabilities it is given and records every line a
 * client sends: for what a real server cannot show, e.g. that a client never sends the password to
 * a server that does not offer STARTTLS.
 */
import { createServer, type Socket } from "node:net";

export interface FakeImap {
  port: number;
  /** Every line received, in order. */
  lines: string[];
  close(): Promise<void>;
}

export async function startFakeImap(capabilities: string): Promise<FakeImap> {
  const lines: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.write(`* OK [CAPABILITY ${capabilities}] fake ready\r\n`);
    let buffered = "";
    socket.on("data", (d) => {
      buffered += d.toString("latin1");
      let nl = buffered.indexOf("\r\n");
      while (nl !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 2);
        lines.push(line);
        const [tag, command] = line.split(" ");
        if (command?.toUpperCase() === "CAPABILITY") socket.write(`* CAPABILITY ${capabilities}\r\n`);
        if (command?.toUpperCase() === "LOGOUT") socket.write("* BYE\r\n");
        socket.write(`${tag} OK done\r\n`);
        nl = buffered.indexOf("\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    lines,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
