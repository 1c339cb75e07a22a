# Third-party images whose tags name no runtime: nothing to say about their lifecycle.
FROM grafana/grafana:11.2.0
COPY provisioning/ /etc/grafana/provisioning/
