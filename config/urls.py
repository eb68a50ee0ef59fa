"""URL routes: pages, accounts, the API (/api/), and uploaded render files in local mode."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from builder import views

# INSTALLED_APPS has the admin's SimpleAdminConfig, so that management commands (validate,
# render) do not import every app's admin module: the admin modules load with the URLs.
admin.autodiscover()

urlpatterns = [
    path("", views.home, name="home"),
    path("diagrams/<int:pk>/", views.editor, name="editor"),
    path("rules/", views.rules_page, name="rules"),
    path("language/", views.language, name="language"),
    path("r/<str:token>", views.review, name="review"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include("builder.api.urls")),
    path("api/", include("builder.collab.urls")),
    path("admin/", admin.site.urls),
]

# Every error under /api/ is JSON; a database outage is a 503 with Retry-After (see errors.py).
handler404 = "builder.api.errors.not_found"
handler500 = "builder.api.errors.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
