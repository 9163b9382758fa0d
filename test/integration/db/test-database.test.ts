import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertInsideTempDir, createTestDatabase } from "@/test/support/db";

describe("createTestDatabase", () => {
  it("refuses a folder outside the temp folder", async () => {
    // The file-system root is never inside the temp folder, wherever the checkout lives.
    const outside = path.parse(os.tmpdir()).root;
    await expect(createTestDatabase({ parentDir: outside })).rejects.toThrow(/outside the temp folder/);
  });

  it("refuses a path that climbs out of the temp folder", () => {
    expect(() => assertInsideTempDir(path.join(os.tmpdir(), "..", "escaped"))).toThrow(/outside the temp folder/);
  });
});
