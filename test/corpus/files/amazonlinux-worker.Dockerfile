# expect: PL101
FROM amazonlinux:2
# expect: DL3033
RUN yum install -y python3 python3-pip && yum clean all
COPY worker.py /opt/worker.py
CMD ["python3", "/opt/worker.py"]
