import { useCallback } from "react";
import { postOwnerComment, setResolved, type Comment, type NewComment } from "../api/sharing";
import { editorStore } from "../store/useEditor";
import { CommentsPanel } from "./CommentsPanel";
import { useComments } from "./commentStore";

/** The editor's Comments tab: the owner reads, replies, resolves and reopens. */
export function OwnerCommentsPanel() {
  const submit = useCallback(async (c: NewComment) => {
    const { verdict: _verdict, ...body } = c; // verdicts are the reviewers'
    const comment = await postOwnerComment(editorStore.getState().diagramId!, body);
    useComments.getState().upsert(comment);
    return comment;
  }, []);
  const resolve = useCallback(async (c: Comment, resolved: boolean) => {
    useComments.getState().upsert(await setResolved(c.id, resolved));
  }, []);
  return <CommentsPanel mode="owner" canComment submit={submit} resolve={resolve} />;
}

/** Open threads, for the tab's count. */
export function useOpenThreadCount(): number {
  return useComments((s) => s.threads.reduce((n, t) => n + (t.resolved ? 0 : 1), 0));
}
