import { describe, expect, it } from "vitest";
import en from "../locales/en.json";
import ko from "../locales/ko.json";

type Tree = { [k: string]: string | Tree };

/** Every leaf as "a.b.c" -> text. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");
const vars = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const enLeaves = leaves(en as Tree);
const koLeaves = leaves(ko as Tree);
/** Base key -> the texts of its forms (a plural key has several). */
const forms = (l: Map<string, string>) => {
  const m = new Map<string, string[]>();
  for (const [k, v] of l) m.set(base(k), [...(m.get(base(k)) ?? []), v]);
  return m;
};
const enKeys = forms(enLeaves);
const koKeys = forms(koLeaves);

describe("message catalogs", () => {
  it("have the same keys in English and Korean", () => {
    expect([...koKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys.keys()].filter((k) => !koKeys.has(k))).toEqual([]);
  });

  it("give every plural its forms: one and other in English, other in Korean", () => {
    for (const key of enLeaves.keys()) {
      if (!PLURAL.test(key)) continue;
      const b = base(key);
      expect(enLeaves.has(`${b}_one`) && enLeaves.has(`${b}_other`), b).toBe(true);
      expect(koLeaves.has(`${b}_other`), b).toBe(true);
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, texts] of enKeys) {
      const want = [...new Set(texts.flatMap(vars))].sort();
      const got = [...new Set((koKeys.get(key) ?? []).flatMap(vars))].sort();
      expect(got, key).toEqual(want);
    }
  });

  it("have no empty text, and Korean texts that are not English copies", () => {
    for (const [key, text] of [...enLeaves, ...koLeaves]) expect(text.trim(), key).not.toBe("");
    const same = [...koLeaves].filter(([k, v]) => /[a-z]{3,} [a-z]{3,}/i.test(v) && enLeaves.get(k) === v);
    expect(same).toEqual([]);
  });

  it("hold every key the code names", () => {
    const sources = import.meta.glob<string>(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts"], { query: "?raw", import: "default", eager: true });
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const missing: string[] = [];
    let seen = 0;
    for (const [f, src] of Object.entries(sources)) {
      // t("a.b"), tr("a.b"), i18next.t("a.b") and t(`a.${x}`) (a template's fixed prefix must exist).
      for (const m of src.matchAll(/\b(?:t|tr|i18next\.t)\(\s*(["`])([a-zA-Z][\w.]*)(\$\{)?/g)) {
        seen++;
        const [, quote, key, dynamic] = m;
        if (quote === "`" && dynamic) {
          if (![...enKeys.keys()].some((k) => k.startsWith(key))) missing.push(`${f}: ${key}…`);
        } else if (!enKeys.has(key)) missing.push(`${f}: ${key}`);
      }
    }
    expect(seen).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });
});
