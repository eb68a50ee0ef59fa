import { get } from "./client";

export type Severity = "error" | "warning" | "info";

export interface Rule {
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  docs_url: string;
}

export const fetchRules = () => get<Rule[]>("/api/rules/");
