"""URL routes of the REST API, mounted under /api/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("catalog/", views.CatalogView.as_view(), name="api-catalog"),
    path("rules/", views.RulesView.as_view(), name="api-rules"),
    path("validate/", views.ValidateView.as_view(), name="api-validate"),
    path("starters/", views.StarterListView.as_view(), name="api-starters"),
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
]
