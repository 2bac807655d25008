/**
 * PN532 frames (NXP UM0701-02 §6.2.1), pure byte functions shared by the host
 * driver and the simulator's chip emulator. Bytes are Uint8Array-compatible
 * Buffers; nothing here does I/O.
 *
 *   normal information frame: 00 00 FF LEN LCS TFI PD0..PDn DCS 00
 *     LEN counts TFI + PD bytes; LEN + LCS = 0x00 and TFI + PD0..PDn + DCS = 0x00 (mod 256)
 *   ACK   00 00 FF 00 FF 00
 *   NACK  00 00 FF FF 00 00
 *   error 00 00 FF 01 FF 7F 81 00   (application-level syntax error, §6.2.1.5)
 */

/** TFI of a frame from the host controller to the PN532. */
export const TFI_HOST_TO_PN532 = 0xd4;
/** TFI of a frame from the PN532 to the host controller. */
export const TFI_PN532_TO_HOST = 0xd5;
/** TFI of the error frame's single data byte (§6.2.1.5). */
export const TFI_ERROR = 0x7f;

export const ACK_FRAME = Buffer.from([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]);
export const NACK_FRAME = Buffer.from([0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
export const ERROR_FRAME = Buffer.from([0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00]);

/**
 * HSU wake-up (§7.2.11, and what libnfc sends): 0x55 0x55 then zeros long
 * enough for the chip to leave power-down before the first command arrives.
 */
export const HSU_WAKEUP = Buffer.from([0x55, 0x55, ...new Array<number>(14).fill(0x00)]);

/** Command codes the host driver and the emulator use (§7). */
export const Cmd = {
  GetFirmwareVersion: 0x02,
  SAMConfiguration: 0x14,
  RFConfiguration: 0x32,
  InListPassiveTarget: 0x4a,
} as const;

/** A normal frame's data can hold at most 254 bytes after the TFI (LEN is one byte). */
export const MAX_NORMAL_DATA = 254;

/** Sum of bytes mod 256: a frame is valid when LEN + LCS and TFI + PD + DCS each sum to 0. */
export function checksum(bytes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum = (sum + (bytes[i] as number)) & 0xff;
  return (0x100 - sum) & 0xff;
}

/** Encodes a normal information frame: TFI then the command code and its parameters. */
export function encodeFrame(tfi: number, data: ArrayLike<number>): Buffer {
  if (data.length > MAX_NORMAL_DATA) throw new RangeError(`a normal frame carries at most ${MAX_NORMAL_DATA} data bytes`);
  const body = Buffer.from([tfi, ...Array.from(data)]);
  const len = body.length;
  return Buffer.concat([Buffer.from([0x00, 0x00, 0xff, len, checksum([len])]), body, Buffer.from([checksum(body), 0x00])]);
}

/** A host command frame (TFI D4). */
export const commandFrame = (code: number, params: ArrayLike<number> = []) => encodeFrame(TFI_HOST_TO_PN532, [code, ...Array.from(params)]);
/** A PN532 response frame (TFI D5, code = command + 1). */
export const responseFrame = (command: number, params: ArrayLike<number> = []) => encodeFrame(TFI_PN532_TO_HOST, [command + 1, ...Array.from(params)]);

/** SAMConfiguration: normal mode (no SAM), virtual-card timeout 20 × 50 ms, use IRQ (§7.2.10). */
export const samConfigurationCommand = () => commandFrame(Cmd.SAMConfiguration, [0x01, 0x14, 0x01]);
/**
 * RFConfiguration item 0x05 (MaxRetries): MxRtyATR 0xFF, MxRtyPSL 0x01, and
 * MxRtyPassiveActivation 0x00 so InListPassiveTarget tries once and answers
 * "0 targets" at once instead of waiting forever for a card (§7.3.1).
 */
export const maxRetriesCommand = () => commandFrame(Cmd.RFConfiguration, [0x05, 0xff, 0x01, 0x00]);
/** InListPassiveTarget: at most 1 target, BrTy 0x00 = 106 kbps type A (ISO/IEC 14443 type A) (§7.3.5). */
export const inListPassiveTargetCommand = () => commandFrame(Cmd.InListPassiveTarget, [0x01, 0x00]);
export const getFirmwareVersionCommand = () => commandFrame(Cmd.GetFirmwareVersion);

/** GetFirmwareVersion's answer `IC Ver Rev Support` as a status `firmware` string (§7.2.2). */
export function firmwareString(params: ArrayLike<number>): string | null {
  if (params.length < 4) return null;
  const [ic, ver, rev] = [params[0] as number, params[1] as number, params[2] as number];
  return `PN5${ic.toString(16).toUpperCase()} v${ver}.${rev}`;
}

/**
 * The card UID from InListPassiveTarget's answer for 106 kbps type A:
 * NbTg, then per target Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID1 (§7.3.5).
 * Returns null for "no target" and for a malformed answer.
 */
export function uidFromTargetData(params: ArrayLike<number>): string | null {
  const nbTg = params[0];
  if (!nbTg) return null;
  const idLength = params[5];
  // ISO/IEC 14443-3: single, double or triple size UIDs (4, 7 or 10 bytes).
  if (idLength === undefined || ![4, 7, 10].includes(idLength) || params.length < 6 + idLength) return null;
  return hex(Array.from(params).slice(6, 6 + idLength));
}

/** Upper-case hex, the contract's UID form (§2). */
export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}
