/** The product's file reader, as the command line runs it (Node's zlib). */
import { openWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import type { ReadLimits } from "../../src/adapters/xlsx/sheetRules";
import { nodeZip } from "../../src/cli/nodeZip";
import type { RawWorkbook } from "../../src/workbook/grid";

export function openBytes(bytes: Uint8Array, limits?: ReadLimits): Promise<RawWorkbook> {
  return openWorkbook(bytes, { codec: nodeZip, ...(limits ? { limits } : {}) });
}
