# expect: PL203
FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY target/app.jar app.jar
# expect: PL207
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
