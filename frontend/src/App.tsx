import { lazy, Suspense } from "react";
import type { Boot } from "./boot";
import { AppHeader } from "./components/AppHeader";
import { ListPage } from "./pages/ListPage";
import { preloadEditor } from "./store/preload";
import { useTranslation } from "react-i18next";

// The editor and the review page load their code (React Flow included) only when opened.
const EditorPage = lazy(() => import("./pages/EditorPage"));
const ReviewPage = lazy(() => import("./pages/ReviewPage"));

export function App({ boot }: { boot: Boot }) {
  const { t } = useTranslation();
  if (boot.page === "editor" && boot.diagram_id !== null) {
    if (boot.role === "owner") preloadEditor(boot.diagram_id); // a member's document comes from the live session
    return (
      <Suspense fallback={<div className="page-loading">{t("app.loadingEditor")}</div>}>
        <EditorPage boot={boot} diagramId={boot.diagram_id} />
      </Suspense>
    );
  }
  if (boot.page === "review" && boot.token) {
    return (
      <Suspense fallback={<div className="page-loading">{t("app.loading")}</div>}>
        <ReviewPage boot={boot} token={boot.token} />
      </Suspense>
    );
  }
  return (
    <div className="app">
      <AppHeader boot={boot} />
      <ListPage />
    </div>
  );
}
