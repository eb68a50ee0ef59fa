import { describe, expect, it } from "vitest";
import { catalog, nestedDoc } from "../test/fixtures";
import { dropTargets, misplaced, placementAllowed, targetAt } from "./placement";
import type { DocNode, Document } from "./types";

const subnet = (visibility?: string): DocNode => ({
  id: "s",
  type: "aws.subnet",
  label: "",
  parent: "vpc",
  props: visibility ? { visibility } : {},
});

describe("placementAllowed (catalog parents and parent_props)", () => {
  it("puts a NAT gateway in a public subnet only", () => {
    expect(placementAllowed(catalog, "aws.nat_gateway", subnet("public"))).toBe(true);
    expect(placementAllowed(catalog, "aws.nat_gateway", subnet("private"))).toBe(false);
    expect(placementAllowed(catalog, "aws.nat_gateway", null)).toBe(false);
  });

  it("keeps RDS in subnets, containers in their nesting, global services out of VPCs", () => {
    expect(placementAllowed(catalog, "rds.database", null)).toBe(false);
    expect(placementAllowed(catalog, "rds.database", subnet("private"))).toBe(true);
    expect(placementAllowed(catalog, "aws.vpc", subnet())).toBe(false);
    expect(placementAllowed(catalog, "aws.subnet", { id: "vpc", type: "aws.vpc", label: "", props: {} })).toBe(true);
    expect(placementAllowed(catalog, "cloudfront.distribution", { id: "vpc", type: "aws.vpc", label: "", props: {} })).toBe(false);
    expect(placementAllowed(catalog, "lambda.function", null)).toBe(true);
  });
});

describe("drop targets", () => {
  it("lists the containers with their verdict, never the dragged node's own subtree", () => {
    const doc = nestedDoc();
    const forRds = dropTargets(doc, catalog, "rds.database");
    expect(Object.fromEntries(forRds.map((t) => [t.id, t.allowed]))).toEqual({ sub: true, vpc: false, region: false });
    // Dragging the VPC: neither it nor its subnet can hold it.
    expect(dropTargets(doc, catalog, "aws.vpc", ["vpc"]).map((t) => t.id)).toEqual(["region"]);
  });

  it("picks the innermost container under the point, as the drop does", () => {
    const targets = dropTargets(nestedDoc(), catalog, "lambda.function");
    // sub is at region(10,10) + vpc(100,100) + (40,50) = (150,160), 300 x 200.
    expect(targetAt(targets, { x: 200, y: 200 })?.id).toBe("sub");
    expect(targetAt(targets, { x: 120, y: 120 })?.id).toBe("vpc");
    expect(targetAt(targets, { x: 2000, y: 2000 })).toBeNull();
  });

  it("finds the nodes that landed where they do not belong", () => {
    const doc: Document = nestedDoc();
    doc.nodes.push({ id: "db", type: "rds.database", label: "", parent: null, props: {} });
    doc.nodes.push({ id: "nat", type: "aws.nat_gateway", label: "", parent: "sub", props: {} });
    expect(misplaced(doc, catalog, ["fn", "db", "nat", "table"])).toEqual(["db", "nat"]);
  });
});
