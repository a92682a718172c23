import { createServer } from "node:net";
import type { Server, Socket } from "node:net";

/**
 * Emulated cameras for end-to-end tests: raw TCP servers that answer HTTP and RTSP the way the
 * real devices do (header order and spelling matter to nmap's service probes). They bind to
 * 127.x.y.z addresses only.
 */
export interface DeviceProfile {
  /** Bytes of the HTTP response head, without the Date header nmap's probes expect second. */
  httpStatus: string;
  httpHeaders: string[];
  httpBody: string;
  rtspPublic: string;
  rtspServer: string | null;
}

/** A Hikvision IP camera: `Server: App-webs/` right after `Date:` (nmap-service-probes, GetRequest). */
export const HIKVISION_CAMERA: DeviceProfile = {
  httpStatus: "HTTP/1.0 200 OK",
  httpHeaders: ["Server: App-webs/", "Content-Type: text/html", "Connection: close"],
  httpBody:
    "<!DOCTYPE html><html><head><title>Document Error: Unauthorized</title></head><body></body></html>",
  rtspPublic: "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER",
  rtspServer: null,
};

export interface RunningDevice {
  address: string;
  httpPort: number;
  rtspPort: number;
  close(): Promise<void>;
}

function assertLoopback(address: string): void {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) {
    throw new Error(`emulated devices listen on 127.x.y.z only, not ${address}`);
  }
}

function httpDate(): string {
  return new Date().toUTCString();
}

function answerHttp(socket: Socket, profile: DeviceProfile): void {
  let buffered = "";
  socket.on("data", (d) => {
    buffered += d.toString("latin1");
    if (!buffered.includes("\r\n\r\n") && !buffered.includes("\n\n")) return;
    const head = [
      profile.httpStatus,
      `Date: ${httpDate()}`,
      ...profile.httpHeaders,
      `Content-Length: ${Buffer.byteLength(profile.httpBody)}`,
    ];
    socket.end(head.join("\r\n") + "\r\n\r\n" + profile.httpBody);
  });
  socket.on("error", () => socket.destroy());
}

function answerRtsp(socket: Socket, profile: DeviceProfile): void {
  let buffered = "";
  socket.on("data", (d) => {
    buffered += d.toString("latin1");
    let end: number;
    while ((end = buffered.indexOf("\r\n\r\n")) >= 0) {
      const request = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      if (!/^[A-Z_]+ \S+ RTSP\/1\.0/.test(request)) {
        // Anything else (nmap's HTTP probes) gets what an RTSP server says to a stranger.
        socket.end("RTSP/1.0 400 Bad Request\r\nCSeq: 0\r\n\r\n");
        return;
      }
      const cseq = /^CSeq:\s*(.+)$/im.exec(request)?.[1]?.trim() ?? "1";
      const lines = [
        "RTSP/1.0 200 OK",
        `CSeq: ${cseq}`,
        `Public: ${profile.rtspPublic}`,
        `Date: ${httpDate()}`,
      ];
      if (profile.rtspServer) lines.push(`Server: ${profile.rtspServer}`);
      socket.write(lines.join("\r\n") + "\r\n\r\n");
    }
  });
  socket.on("error", () => socket.destroy());
}

function listen(server: Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, address, () => {
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    });
  });
}

/** Starts one emulated device on `address` (127.x.y.z), HTTP and RTSP on the given or free ports. */
export async function startDevice(
  address: string,
  profile: DeviceProfile,
  ports: { http?: number; rtsp?: number } = {},
): Promise<RunningDevice> {
  assertLoopback(address);
  const http = createServer((s) => answerHttp(s, profile));
  const rtsp = createServer((s) => answerRtsp(s, profile));
  const httpPort = await listen(http, address, ports.http ?? 0);
  const rtspPort = await listen(rtsp, address, ports.rtsp ?? 0);
  return {
    address,
    httpPort,
    rtspPort,
    close: () =>
      Promise.all([http, rtsp].map((s) => new Promise<void>((r) => s.close(() => r())))).then(
        () => undefined,
      ),
  };
}
