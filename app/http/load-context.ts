/** What server.ts hands every Remix loader, action and entry.server (getLoadContext). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** the Content-Security-Policy nonce of this response */
    cspNonce?: string;
  }
}

export {};
