using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Sanzi.Ledger.Common;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Sanzi.Api.Commands;

/// <summary>
/// Lets a command endpoint take its typed command and its <see cref="Stamp"/> as parameters. For the command
/// it reads the body as the command's nested <c>Request</c>, validates it, and weaves in the steps of
/// <see cref="CommandPipeline"/> before the aggregate is loaded and the receipt after the decision.
/// </summary>
internal sealed class CommandParameters : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        var type = parameter.ParameterType;
        variable = type == typeof(Stamp) ? Once(chain, nameof(Stamp), () => StampFor(chain))
            : type.IsAssignableTo(typeof(ILedgerCommand)) ? Once(chain, nameof(ILedgerCommand), () => Accept(chain, type))
            : null;
        return variable is not null;
    }

    /// <summary>Wolverine may match a parameter more than once; the frames go in only the first time.</summary>
    private static Variable Once(HttpChain chain, string key, Func<Variable> weave)
    {
        if (chain.Tags.TryGetValue(key, out var woven)) return (Variable)woven;
        var variable = weave();
        chain.Tags[key] = variable;
        return variable;
    }

    private static Variable Accept(HttpChain chain, Type commandType)
    {
        var requestType = commandType.GetNestedType("Request")
                          ?? throw new InvalidOperationException($"{commandType.Name} has no nested Request type to read from the body.");
        var read = new ReadCommandBody(requestType);
        var validate = Call(nameof(CommandPipeline.Validate), requestType, commandType);
        var replay = Call(nameof(CommandPipeline.ReplayAsync));
        Frame[] frames =
        [
            read, validate, Call(nameof(CommandPipeline.DocumentsAsync)), Call(nameof(CommandPipeline.Ticket), commandType),
            Call(nameof(CommandPipeline.TagEvents)),
            replay, new MaybeEndWithResultFrame(replay.ReturnVariable!),
        ];
        foreach (var frame in frames) chain.Middleware.Add(frame);

        var record = Call(nameof(CommandPipeline.Record));
        record.Arguments[3] = chain.Method.Creates.First(v => v.VariableType.IsAssignableTo(typeof(IResult)));
        chain.Postprocessors.Insert(0, record);
        return validate.ReturnVariable!;
    }

    private static Variable StampFor(HttpChain chain)
    {
        var commandType = chain.Method.Method.GetParameters().Select(p => p.ParameterType).First(t => t.IsAssignableTo(typeof(ILedgerCommand)));
        var stamp = Call(nameof(CommandPipeline.Stamp), commandType);
        chain.Middleware.Add(stamp);
        return stamp.ReturnVariable!;
    }

    private static MethodCall Call(string name, params Type[] typeArguments)
    {
        var method = typeof(CommandPipeline).GetMethod(name)!;
        return new MethodCall(typeof(CommandPipeline), typeArguments.Length == 0 ? method : method.MakeGenericMethod(typeArguments));
    }
}
