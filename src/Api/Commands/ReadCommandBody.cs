using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;

namespace Sanzi.Api.Commands;

/// <summary>Takes a command's wire body as the input screen bound it (<see cref="ScreenedBody"/>), so the body is read once.</summary>
internal sealed class ReadCommandBody : SyncFrame
{
    public ReadCommandBody(Type requestType) => Variable = new Variable(requestType, "request", this);

    public Variable Variable { get; }

    public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
    {
        writer.Write($"var {Variable.Usage} = {typeof(ScreenedBody).FullNameInCode()}.{nameof(ScreenedBody.RequestOf)}<{Variable.VariableType.FullNameInCode()}>(httpContext);");
        Next?.GenerateCode(method, writer);
    }
}
