/** A setup step refused with a reason a person can act on; the IPC handlers and the CLI both show it as is. */
export interface SetupRefusal {
  refused: { code: string; message: string };
}

export function refusal(code: string, message: string): SetupRefusal {
  return { refused: { code, message } };
}
