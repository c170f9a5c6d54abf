import { createContext, useContext } from "react";

// The per-request CSP nonce, for the scripts Remix renders. Browsers hide a nonce from the DOM after
// load, so on the client it is empty (React does not compare it when hydrating).
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
