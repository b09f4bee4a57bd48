using CodeExecution.Functions;
using CodeExecution.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCodeExecutionFunctions(builder.Configuration);
builder.Services.AddCodeExecutionTelemetry(builder.Configuration);
builder.Build().Run();
