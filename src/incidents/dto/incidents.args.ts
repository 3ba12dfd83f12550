import { IdArgs } from '../../common/graphql/id.args.js';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { INCIDENT_LIMITS } from '../incident.rules.js';
import { IncidentState } from './incident.enum.js';
import { ReportIncidentInput, UpdateIncidentInput } from './incident.input.js';
import { IdField } from '../../common/graphql/id-field.js';
import { InputField } from '../../common/graphql/input-field.js';

@ArgsType()
export class IncidentsArgs extends ConnectionArgs {
  @Field(() => IncidentState, {
    nullable: true,
    description: 'Only incidents in this state; all when omitted.',
  })
  @IsOptional()
  @IsEnum(IncidentState)
  state?: IncidentState | null;
}

@ArgsType()
export class ExposureArgs {
  @IdField({ description: 'The product that would be affected.' })
  productId: string;
}

@ArgsType()
export class ReportIncidentArgs {
  @InputField(() => ReportIncidentInput, { description: 'The incident.' })
  input: ReportIncidentInput;
}

@ArgsType()
export class UpdateIncidentArgs extends IdArgs {
  @InputField(() => UpdateIncidentInput, { description: 'What to change.' })
  input: UpdateIncidentInput;
}

@ArgsType()
export class ResolveIncidentArgs extends IdArgs {
  @Field({ description: `1-${INCIDENT_LIMITS.summaryMax} characters; no personal identity numbers.` })
  @IsString()
  @MaxLength(INCIDENT_LIMITS.summaryMax * 2)
  summary: string;
}

@ArgsType()
export class SupplierConcentrationArgs extends ConnectionArgs {}
