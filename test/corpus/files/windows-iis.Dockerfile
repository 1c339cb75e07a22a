# escape=`
# expect: PL101
FROM mcr.microsoft.com/windows/servercore:1903
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Install-WindowsFeature Web-Server; `
    Remove-Item -Recurse C:\inetpub\wwwroot\*
WORKDIR /inetpub/wwwroot
COPY content/ .
# expect: PL207
EXPOSE 80
