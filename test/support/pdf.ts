/**
 * pdf-parse's pdf.js reads a Buffer's whole ArrayBuffer from offset 0, so a small Buffer that Node
 * carved out of its shared pool (Buffer.concat or mailparser under 4 KB) parses as garbage ("bad XRef
 * entry") now and then. Parse a copy that owns its memory.
 */
export function unpooled(buffer: Buffer): Buffer {
  const own = Buffer.from(new ArrayBuffer(buffer.length));
  buffer.copy(own);
  return own;
}
