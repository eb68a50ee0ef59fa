"""URL routes of the REST API, mounted under /api/."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import iac, sharing, views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("schema/document.json", views.DocumentSchemaView.as_view(), name="api-document-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("catalog/", views.CatalogView.as_view(), name="api-catalog"),
    path("rules/", views.RulesView.as_view(), name="api-rules"),
    path("validate/", views.ValidateView.as_view(), name="api-validate"),
    path("starters/", views.StarterListView.as_view(), name="api-starters"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("diagrams/", views.DiagramListView.as_view(), name="api-diagrams"),
    path("diagrams/<int:pk>/", views.DiagramDetailView.as_view(), name="api-diagram"),
    path("diagrams/<int:pk>/duplicate/", views.DiagramDuplicateView.as_view(), name="api-diagram-duplicate"),
    path("diagrams/<int:pk>/revisions/", views.RevisionListView.as_view(), name="api-revisions"),
    path("diagrams/<int:pk>/revisions/<int:number>/", views.RevisionDetailView.as_view(), name="api-revision"),
    path(
        "diagrams/<int:pk>/revisions/<int:number>/restore/",
        views.RevisionRestoreView.as_view(),
        name="api-revision-restore",
    ),
    path("import/", iac.ImportView.as_view(), name="api-import"),
    re_path(
        r"^diagrams/(?P<pk>[0-9]+)/export/(?P<fmt>sam|drawio)$", iac.ExportView.as_view(), name="api-diagram-export"
    ),
    path("", include("builder.api.renders")),  # renders, downloads, diagrams script export
    path("diagrams/<int:pk>/share-links/", sharing.ShareLinkListView.as_view(), name="api-share-links"),
    path("share-links/<int:pk>/", sharing.ShareLinkDetailView.as_view(), name="api-share-link"),
    path("diagrams/<int:pk>/comments/", sharing.DiagramCommentsView.as_view(), name="api-diagram-comments"),
    path("comments/<int:pk>/", sharing.CommentDetailView.as_view(), name="api-comment"),
    path("review/<str:token>/", sharing.ReviewView.as_view(), name="api-review"),
    path("review/<str:token>/comments/", sharing.ReviewCommentsView.as_view(), name="api-review-comments"),
    path("review/<str:token>/renders/", sharing.ReviewRendersView.as_view(), name="api-review-renders"),
    path("review/<str:token>/renders/<int:pk>/", sharing.ReviewRenderDetailView.as_view(), name="api-review-render"),
    path(
        "review/<str:token>/renders/<int:pk>/file/",
        sharing.ReviewRenderFileView.as_view(),
        name="api-review-render-file",
    ),
]
