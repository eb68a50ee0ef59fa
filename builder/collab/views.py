"""``/api/diagrams/{id}/members/``: the owner lists, adds and removes members."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from builder.services.diagrams import get_owned

from . import members
from .models import Member


class MemberSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    name = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=Member.Role.choices, default=Member.Role.EDITOR)
    added_at = serializers.DateTimeField(read_only=True)


class MemberListView(APIView):
    serializer_class = MemberSerializer

    @extend_schema(responses={200: MemberSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        diagram = get_owned(request.user, pk)
        listed = Member.objects.filter(diagram=diagram).select_related("user")
        return Response(MemberSerializer([members.member_json(m) for m in listed], many=True).data)

    @extend_schema(request=MemberSerializer, responses={201: MemberSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Add a member by username (``role``: editor, the default, or viewer); again: a new role."""
        diagram = get_owned(request.user, pk)
        body = request.data if isinstance(request.data, dict) else {}
        # A bad username or role raises members.BadInput: a 400 in the common envelope (builder.api.errors).
        member = members.add_member(diagram, request.user, body.get("username"), body.get("role", "editor"))
        member.user = get_user_model().objects.get(pk=member.user_id)
        return Response(MemberSerializer(members.member_json(member)).data, status=status.HTTP_201_CREATED)


class MemberDetailView(APIView):
    serializer_class = MemberSerializer

    def delete(self, request: Request, pk: int, username: str) -> Response:
        """Remove a member; their live sockets close at once."""
        diagram = get_owned(request.user, pk)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise Http404("no such member")
        members.remove_member(diagram, user)
        return Response(status=status.HTTP_204_NO_CONTENT)
