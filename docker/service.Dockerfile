# syntax=docker/dockerfile:1
# One image per ComplaintFlow service, built from this repository:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=intake-connector \
#     --build-arg MAIN_CLASS=com.complaintflow.intake.IntakeConnectorMain -t complaintflow/intake-connector .
# Configuration comes from COMPLAINTFLOW_* environment variables (see docker-compose.yml).

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# only the module and what it needs (not the schema registry used by the tests and the launcher)
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl "${MODULE}" -am install \
 && mvn -B -q -f "${MODULE}/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp "${MODULE}"/target/*.jar /app/lib/

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/complaintflow complaintflow \
 && mkdir -p /var/lib/complaintflow/state \
 && chown -R complaintflow /var/lib/complaintflow
COPY --from=build /app/lib /app/lib
ARG MAIN_CLASS
ENV MAIN_CLASS=${MAIN_CLASS} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER complaintflow
WORKDIR /var/lib/complaintflow
# exec: the JVM is PID 1 and receives SIGTERM from `docker stop` for a graceful shutdown
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -cp '/app/lib/*' \"$MAIN_CLASS\" \"$@\"", "--"]
