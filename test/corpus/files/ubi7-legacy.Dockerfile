# expect: PL102
FROM registry.access.redhat.com/ubi7/ubi:7.9
# expect: DL3033
RUN yum install -y httpd && yum clean all
CMD ["httpd", "-DFOREGROUND"]
