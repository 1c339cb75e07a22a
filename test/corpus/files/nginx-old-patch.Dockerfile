# Nginx 1.17 (an old mainline line the lifecycle data does not list) is no longer built: a reviewer flags it.
# expect: PL104
FROM nginx:1.17.1
COPY nginx.conf /etc/nginx/nginx.conf
COPY dist/ /usr/share/nginx/html/
