/** pako's CRC-32 (its zlib port), which @types/pako does not declare. */
declare module "pako/lib/zlib/crc32" {
  function crc32(crc: number, buf: Uint8Array, len: number, pos: number): number;
  export = crc32;
}
