# mlakb as a stateless, read-only service: the outputs are built into the image, so replicas need no
# network and no writable storage at run time (only /tmp, for the treaty search's segmenter cache).
#   docker build -t mlakb .
#   docker run --rm -p 8001:8001 -e DATASETTE_SECRET=<same value on every replica> mlakb
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    MLAKB_ROOT=/srv/mlakb \
    MLAKB_BUILD=/srv/mlakb/build \
    MLAKB_SITE=/srv/mlakb/site

WORKDIR /srv/mlakb
COPY pyproject.toml README.md mkdocs.yml ./
COPY scripts ./scripts
RUN pip install . && useradd --system --no-create-home --shell /usr/sbin/nologin mlakb

COPY directory ./directory
COPY kb ./kb
# check, then build the database, the treaty index and the guide; a record with a problem fails the image build
RUN mlakb check && mlakb build

USER mlakb
EXPOSE 8001
# each worker answers /-/health with 200 once the database and the index can be read
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8001/-/health', timeout=2).status != 200)"]
# workers: the container's cores unless --workers is given; SIGTERM stops it within a few seconds
ENTRYPOINT ["mlakb", "serve", "--no-build", "--host", "0.0.0.0", "--port", "8001"]
