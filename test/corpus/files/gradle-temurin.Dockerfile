# expect: PL103
FROM gradle:8.10-jdk21 AS build
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:21-jre-alpine
COPY --from=build /home/gradle/project/build/libs/app.jar /app.jar
USER 1000
ENTRYPOINT ["java", "-jar", "/app.jar"]
