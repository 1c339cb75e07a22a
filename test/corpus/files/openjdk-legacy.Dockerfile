# The openjdk image builds only early-access tags now; 11-jre-slim is frozen (a reviewer flags it).
# expect: PL104
FROM openjdk:11-jre-slim
COPY target/app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
