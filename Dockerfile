# The ledger's API for users with Docker; see docker-compose.yml for the database beside it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Api/Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV Ledger__Url=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "Sanzi.Api.dll"]
