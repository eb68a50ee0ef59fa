"""Member routes, included from config/urls.py under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("diagrams/<int:pk>/members/", views.MemberListView.as_view(), name="api-members"),
    path("diagrams/<int:pk>/members/<str:username>/", views.MemberDetailView.as_view(), name="api-member"),
]
