import { describe, expect, it } from "vitest";
import { catalog } from "../test/fixtures";
import { checkConnection, propValue, rangeMessage } from "./catalog";

describe("checkConnection", () => {
  it("accepts a connection listed in the source type's connects_to", () => {
    const r = checkConnection(catalog, "lambda.function", "dynamodb.table");
    expect(r.ok).toBe(true);
    expect(r.connection?.label).toBe("reads/writes");
  });

  it("flags a connection AWS does not support, suggesting the other direction when that one exists", () => {
    const r = checkConnection(catalog, "dynamodb.table", "s3.bucket");
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/cannot connect/);
    const reverse = checkConnection(catalog, "rds.proxy", "lambda.function");
    expect(reverse.ok).toBe(false);
    expect(reverse.reason).toMatch(/other way/);
  });

  it("flags edges touching a container", () => {
    const r = checkConnection(catalog, "lambda.function", "aws.vpc");
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/container/);
  });

  it("flags unknown types", () => {
    expect(checkConnection(catalog, "nope", "lambda.function").ok).toBe(false);
  });
});

describe("props", () => {
  const lambda = catalog.get("lambda.function")!;
  const memory = lambda.props.find((p) => p.name === "memory_mb")!;

  it("takes the catalog default for a missing prop and the document region for $document", () => {
    expect(propValue(lambda, { props: {} }, "memory_mb")).toBe(128);
    expect(propValue(lambda, { props: { memory_mb: 2048 } }, "memory_mb")).toBe(2048);
    expect(propValue(catalog.get("aws.region")!, { props: {} }, "region", { region: "eu-west-1" })).toBe("eu-west-1");
  });

  it("explains a value outside AWS's limits, and is quiet at the exact limits", () => {
    expect(rangeMessage(memory, 20000)?.text).toBe("AWS allows 128 to 10,240 MB.");
    expect(rangeMessage(memory, 127)?.level).toBe("error");
    expect(rangeMessage(memory, 128)).toBeNull();
    expect(rangeMessage(memory, 10240)).toBeNull();
  });

  it("chooses an icon variant by prop", () => {
    const sub = { type: "aws.subnet", props: { visibility: "public" } };
    expect(catalog.iconFor(sub)).toMatch(/public-subnet/);
    expect(catalog.iconFor({ type: "aws.subnet", props: {} })).toMatch(/private-subnet/);
  });
});
