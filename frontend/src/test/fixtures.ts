/** Test data: a subset of the real catalog (generated from builder/catalog) and small documents. */
import { Catalog, type CatalogJson } from "../document/catalog";
import type { Document } from "../document/types";
import json from "./catalog.fixture.json";

export const catalog = new Catalog(json as unknown as CatalogJson);

export function nestedDoc(): Document {
  return {
    schema: 1,
    name: "Nested",
    region: "ap-northeast-2",
    nodes: [
      { id: "fn", type: "lambda.function", label: "함수", parent: "sub", position: { x: 20, y: 30 }, props: {} },
      { id: "sub", type: "aws.subnet", label: "Private", parent: "vpc", position: { x: 40, y: 50 }, size: { w: 300, h: 200 }, props: {} },
      { id: "vpc", type: "aws.vpc", label: "VPC", parent: "region", position: { x: 100, y: 100 }, size: { w: 600, h: 400 }, props: {} },
      { id: "region", type: "aws.region", label: "Seoul", parent: null, position: { x: 10, y: 10 }, size: { w: 900, h: 600 }, props: {} },
      { id: "table", type: "dynamodb.table", label: "Orders", parent: null, position: { x: 1000, y: 100 }, props: {} },
    ],
    edges: [{ id: "e1", source: "fn", target: "table", label: "" }],
  };
}
