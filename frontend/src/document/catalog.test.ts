import { describe, expect, it } from "vitest";
import { catalog } from "../test/fixtures";
import { checkConnection, checkNodes, connectionFeature, propValue, rangeMessage } from "./catalog";

describe("checkConnection", () => {
  it("accepts a connection listed in the source type's connects_to", () => {
    const r = checkConnection(catalog, "lambda.function", "dynamodb.table");
    expect(r.ok).toBe(true);
    expect(r.connection?.label).toBe("reads/writes");
  });

  it("flags a connection AWS does not support, suggesting the other direction when that one exists", () => {
    const r = checkConnection(catalog, "s3.bucket", "rds.proxy");
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

  it("explains a value outside AWS's limits in the server's words, and is quiet at the exact limits", () => {
    expect(rangeMessage(memory, 20000)).toEqual({
      level: "error",
      text: "Lambda allows a whole number of MB from 128 to 10240.",
      rule: "LAMBDA_MEMORY_RANGE",
    });
    expect(rangeMessage(memory, 127)?.level).toBe("error");
    expect(rangeMessage(memory, 128)).toBeNull();
    expect(rangeMessage(memory, 10240)).toBeNull();
  });

  it("gives the severity of the server's rule: a zip over 50 MB is a warning, for zip packages only", () => {
    const zipped = lambda.props.find((p) => p.name === "package_zipped_mb")!;
    expect(rangeMessage(zipped, 60, { package_type: "zip" })).toEqual({
      level: "warning",
      text: "A zip package uploaded directly is limited to 50 MB.",
      rule: "LAMBDA_PACKAGE_ZIPPED",
    });
    expect(rangeMessage(zipped, 50, { package_type: "zip" })).toBeNull();
    expect(rangeMessage(zipped, 60, { package_type: "image" })).toBeNull();
  });

  it("measures an environment in UTF-8 bytes and a list by its length, as the server does", () => {
    const env = lambda.props.find((p) => p.name === "env")!;
    expect(rangeMessage(env, { K: "x".repeat(4095) })).toBeNull();
    expect(rangeMessage(env, { K: "x".repeat(4096) })?.rule).toBe("LAMBDA_ENV_SIZE");
    expect(rangeMessage(env, { K: "한".repeat(1365) })).toBeNull(); // 1 + 4,095 bytes
    expect(rangeMessage(env, { K: "한".repeat(1366) })?.level).toBe("error");
    const groups = lambda.props.find((p) => p.name === "security_groups")!;
    expect(rangeMessage(groups, ["a", "b", "c", "d", "e"])).toBeNull();
    expect(rangeMessage(groups, ["a", "b", "c", "d", "e", "f"])?.rule).toBe("LAMBDA_SECURITY_GROUP_COUNT");
  });

  it("flags a queue's visibility timeout past 12 hours (the server's SQS_VISIBILITY_RANGE)", () => {
    const visibility = catalog.get("sqs.queue")!.props.find((p) => p.name === "visibility_timeout_s")!;
    expect(rangeMessage(visibility, 99999)?.rule).toBe("SQS_VISIBILITY_RANGE");
    expect(rangeMessage(visibility, 43200)).toBeNull();
  });

  it("chooses an icon variant by prop", () => {
    const sub = { type: "aws.subnet", props: { visibility: "public" } };
    expect(catalog.iconFor(sub)).toMatch(/public-subnet/);
    expect(catalog.iconFor({ type: "aws.subnet", props: {} })).toMatch(/private-subnet/);
  });
});

describe("connections reviewed against AWS", () => {
  it("says which AWS feature an allowed edge stands for", () => {
    expect(connectionFeature(catalog, "s3.bucket", "lambda.function")).toBe("S3 bucket → Lambda function: event notification");
    expect(connectionFeature(catalog, "sqs.queue", "lambda.function")).toMatch(/event source mapping/);
    expect(connectionFeature(catalog, "s3.bucket", "rds.database")).toBeNull();
  });

  it("takes the real integrations the old table refused", () => {
    expect(checkConnection(catalog, "rds.database", "s3.bucket").ok).toBe(true);
    expect(checkConnection(catalog, "s3.bucket", "s3.bucket").ok).toBe(true);
    expect(checkConnection(catalog, "dynamodb.table", "s3.bucket").ok).toBe(true);
  });
});

describe("checkNodes (the source's props decide conditional connections)", () => {
  it("lets a VPC endpoint reach only the service its `service` prop names, default included", () => {
    const endpoint = (service?: string) => ({ type: "aws.vpc_endpoint", props: service ? { service } : ({} as Record<string, string>) });
    expect(checkNodes(catalog, endpoint("s3"), { type: "s3.bucket" }).ok).toBe(true);
    const refused = checkNodes(catalog, endpoint("s3"), { type: "dynamodb.table" });
    expect(refused.ok).toBe(false);
    expect(refused.reason).toMatch(/service s3 cannot reach DynamoDB/);
    // The catalog default (dynamodb) counts when the prop is not set, as on the server.
    expect(checkNodes(catalog, endpoint(), { type: "dynamodb.table" }).ok).toBe(true);
    expect(checkNodes(catalog, endpoint(), { type: "s3.bucket" }).ok).toBe(false);
  });

  it("names the AWS feature of an allowed pair", () => {
    expect(connectionFeature(catalog, "s3.bucket", "lambda.function")).toBe("S3 bucket → Lambda function: event notification");
  });
});
