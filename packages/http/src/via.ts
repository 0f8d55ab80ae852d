// `Via` (RFC 9110, 7.6.3): every hop adds `<protocol> <pseudonym>`. A request whose `Via`
// already names this proxy has come round a loop (an upstream pointed back at Palisade).

/** What this proxy adds to `Via`. */
export const viaValue = (proxyName: string): string => `1.1 ${proxyName}`;

/** Whether a `Via` header shows that the request already passed through a proxy of this name. */
export function passedThrough(via: string | null | undefined, proxyName: string): boolean {
  if (!via) return false;
  const wanted = proxyName.toLowerCase();
  return via.split(',').some((hop) => {
    const received = hop.trim().split(/\s+/)[1];
    return received !== undefined && received.toLowerCase() === wanted;
  });
}
