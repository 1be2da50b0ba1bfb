#!/bin/bash
# Container health = the service's readiness probe. Plain bash over /dev/tcp: the JRE base images carry no curl.
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
case "$status" in
  *" 200 "*) exit 0 ;;
  *) exit 1 ;;
esac
