# expect: PL101
FROM centos:7
# expect: DL3033
RUN yum -y install epel-release && \
    yum -y install nginx && \
    yum clean all
COPY nginx.conf /etc/nginx/nginx.conf
# expect: PL207
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
