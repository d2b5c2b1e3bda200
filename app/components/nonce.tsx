import { createContext, useContext } from "react";

/**
 * The per-request Content-Security-Policy nonce (server.ts → Remix load context → entry.server). Only the
 * server render knows it; in the browser it is empty (browsers hide nonce attributes from scripts anyway).
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
