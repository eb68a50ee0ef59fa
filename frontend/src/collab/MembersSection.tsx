/** The Share dialog's "People" section: who edits or watches this diagram live, add by username, change, remove. */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { addMember, listMembers, MEMBER_ROLES, removeMember, type Member, type MemberRole } from "./members";

export function MembersSection({ diagramId }: { diagramId: number }) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<MemberRole>("editor");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => setError(e instanceof ApiError ? (e.problems[0]?.message ?? e.detail) : String(e));
  const refresh = useCallback(() => {
    listMembers(diagramId).then(setMembers, fail);
  }, [diagramId]);
  useEffect(refresh, [refresh]);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      refresh();
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="share-members" data-testid="members">
      <h3 className="share-section-title">{t("members.title")}</h3>
      <p className="muted small">{t("members.intro")}</p>
      <form
        className="members-add"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await run(() => addMember(diagramId, username.trim(), role))) setUsername("");
        }}
      >
        <input
          className="input"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          placeholder={t("members.username")}
          aria-label={t("members.username")}
          data-testid="member-username"
        />
        <select className="input" value={role} onChange={(e) => setRole(e.target.value as MemberRole)} aria-label={t("members.role")} data-testid="member-role">
          {MEMBER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`members.roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={busy || !username.trim()} data-testid="member-add">
          {t("members.add")}
        </button>
      </form>
      {error && (
        <div className="banner banner-error" role="alert" data-testid="member-error">
          {error}
        </div>
      )}
      {members && members.length === 0 && (
        <p className="muted small" data-testid="members-none">
          {t("members.none")}
        </p>
      )}
      {members && members.length > 0 && (
        <ul className="members-list">
          {members.map((m) => (
            <li key={m.username} data-testid="member-row" data-username={m.username}>
              <span className="member-name">
                {m.name && m.name !== m.username ? `${m.name} (${m.username})` : m.username}
              </span>
              <select
                className="input input-sm"
                value={m.role}
                disabled={busy}
                onChange={(e) => void run(() => addMember(diagramId, m.username, e.target.value as MemberRole))}
                aria-label={t("members.roleOf", { name: m.username })}
                data-testid="member-row-role"
              >
                {MEMBER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`members.roles.${r}`)}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void run(() => removeMember(diagramId, m.username))} data-testid="member-remove">
                {t("members.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
